//! A consumer group at run time: the coordinator, its instances and the group's processing statistics.

pub(crate) mod assignment_table;
pub(crate) mod coordinator;
mod expiry;
pub(crate) mod member;
pub(crate) mod seen;

use crate::consumer::Instance;
use crate::offsets::OffsetMap;
use crate::rng::Rng;
use crate::scenario::GroupSpec;
use alloc::string::String;
use alloc::vec::Vec;
use coordinator::Coordinator;
use member::Tp;

#[derive(Clone, Debug)]
pub(crate) struct GroupRt {
    pub spec: GroupSpec,
    pub coord: Coordinator,
    pub instances: Vec<Instance>,
    pub rng: Rng,
    pub stats: Stats,
    /// The listener classes (with their topics) last warned about.
    pub warned_listeners: Vec<String>,
    pub last_generation: i32,
}

/// What the group processed: duplicates and, per listener class, which offsets it processed.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stats {
    /// Next offset after the highest offset this group ever processed, per partition: anything below is a
    /// duplicate.
    pub processed_hw: OffsetMap,
    pub processed: u64,
    pub duplicates: u64,
    /// Per listener class, in order of first appearance (instances cache their slot).
    pub seen: Vec<seen::Seen>,
    /// Per partition (sorted), what the group's position jumped over without processing.
    pub skipped: Vec<(Tp, seen::Skipped)>,
    /// Records handed to a worker thread that a crash or stop dropped after their offsets were committed: the
    /// group never processes them.
    pub handoff_lost: u64,
}

impl Stats {
    /// The slot of `listener` in `seen` (added when new).
    pub fn listener_slot(&mut self, listener: &str) -> usize {
        match self.seen.iter().position(|s| s.listener == listener) {
            Some(i) => i,
            None => {
                self.seen.push(seen::Seen {
                    listener: listener.into(),
                    parts: Vec::new(),
                });
                self.seen.len() - 1
            }
        }
    }

    /// Records a processed record; returns whether it is a duplicate for the group.
    pub fn record(&mut self, tp: Tp, offset: u64, listener_slot: usize) -> bool {
        let hw = self.processed_hw.entry_mut(tp, 0);
        let duplicate = offset < *hw;
        self.processed += 1;
        if duplicate {
            self.duplicates += 1;
        } else {
            *hw = offset + 1;
        }
        if let Some(s) = self.seen.get_mut(listener_slot) {
            s.ranges(tp).insert(offset);
        }
        duplicate
    }

    /// Records that the group's position on `tp` jumps over, `[from, to)`, because retention deleted them
    /// (`deleted`) or `auto.offset.reset=latest` skipped them. Returns the sub-ranges newly recorded: those the
    /// group never processed and never reported before.
    pub fn skip(&mut self, tp: Tp, from: u64, to: u64, deleted: bool) -> Vec<(u64, u64)> {
        if from >= to {
            return Vec::new();
        }
        let i = match self.skipped.binary_search_by_key(&tp, |(k, _)| *k) {
            Ok(i) => i,
            Err(i) => {
                self.skipped.insert(i, (tp, seen::Skipped::default()));
                i
            }
        };
        let done = &self.skipped[i].1;
        let processed = self.seen.iter().filter_map(|s| s.get(tp));
        let gaps = seen::Ranges::gaps(from, to, processed.chain([&done.deleted, &done.reset]));
        let s = &mut self.skipped[i].1;
        for &(a, b) in &gaps {
            if deleted {
                s.deleted.insert_range(a, b);
            } else {
                s.reset.insert_range(a, b);
            }
        }
        gaps
    }

    /// What the group skipped on `tp`, if anything.
    pub fn skipped_of(&self, tp: Tp) -> Option<&seen::Skipped> {
        self.skipped
            .binary_search_by_key(&tp, |(k, _)| *k)
            .ok()
            .map(|i| &self.skipped[i].1)
    }

    /// Whether some listener of the group processed `offset` of `tp`.
    pub fn was_processed(&self, tp: Tp, offset: u64) -> bool {
        self.seen
            .iter()
            .any(|s| s.get(tp).is_some_and(|r| r.contains(offset)))
    }

    /// Records of `topics` (topic indices) the group processed that `listener` never processed itself.
    pub fn missed_by(&self, listener: &str, topics: &[u32]) -> u64 {
        match self.seen.iter().position(|s| s.listener == listener) {
            Some(me) => seen::missed(&self.seen, me, topics),
            None => 0,
        }
    }
}

impl GroupRt {
    pub fn new(spec: &GroupSpec, rng: Rng) -> Self {
        GroupRt {
            spec: spec.clone(),
            coord: Coordinator::new(),
            instances: Vec::new(),
            rng,
            stats: Stats::default(),
            warned_listeners: Vec::new(),
            last_generation: 0,
        }
    }

    /// Instance `i`'s subscription: its own `topics`, else the group's.
    pub fn subscription(&self, i: usize) -> &[String] {
        self.instances[i]
            .spec
            .topics
            .as_deref()
            .unwrap_or(&self.spec.topics)
    }

    /// The group's topics: the union of its instances' subscriptions in order of first appearance (the
    /// group's `topics` when it has no instances).
    pub fn topics(&self) -> Vec<String> {
        if self.instances.is_empty() {
            return self.spec.topics.clone();
        }
        let mut out: Vec<String> = Vec::new();
        for i in 0..self.instances.len() {
            for t in self.subscription(i) {
                if !out.contains(t) {
                    out.push(t.clone());
                }
            }
        }
        out
    }

    /// The topics listener class `listener` subscribes to: the union over its instances.
    pub fn listener_topics(&self, listener: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for i in 0..self.instances.len() {
            if self.instances[i].spec.listener == listener {
                for t in self.subscription(i) {
                    if !out.contains(t) {
                        out.push(t.clone());
                    }
                }
            }
        }
        crate::sort::sort_by(&mut out, &mut |a, b| a.cmp(b));
        out
    }

    /// Topics that more than one listener class subscribes to, sorted (empty when their topics are disjoint).
    pub fn shared_topics(&self) -> Vec<String> {
        let subs: Vec<Vec<String>> = self
            .listeners()
            .iter()
            .map(|l| self.listener_topics(l))
            .collect();
        let mut shared: Vec<String> = Vec::new();
        for (k, ts) in subs.iter().enumerate() {
            for t in ts {
                if !shared.contains(t) && subs[k + 1..].iter().any(|o| o.contains(t)) {
                    shared.push(t.clone());
                }
            }
        }
        crate::sort::sort_by(&mut shared, &mut |a, b| a.cmp(b));
        shared
    }

    /// Distinct listeners of the instances, sorted.
    pub fn listeners(&self) -> Vec<String> {
        let mut ls: Vec<String> = self
            .instances
            .iter()
            .map(|i| i.spec.listener.clone())
            .collect();
        crate::sort::sort_by(&mut ls, &mut |a, b| a.cmp(b));
        ls.dedup();
        ls
    }
}
