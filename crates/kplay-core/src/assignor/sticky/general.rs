//! Kafka's `GeneralAssignmentBuilder`: the path for groups whose members subscribe to different topics.
//!
//! Kept partitions stay; new ones go one by one to the least-loaded subscriber; then partitions are moved from
//! heavier to lighter members until Kafka's `isBalanced` holds, and the result is dropped again if it is not
//! better by Kafka's balance score. Kafka re-scans every partition on each `isBalanced` call; here each topic
//! keeps a count of its owners per assignment size, so the same question costs a few lookups.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use super::model::{Model, NONE};
use super::movements::Movements;

/// Runs the general path; returns partition ids per member (input order), and whether Kafka's balancing
/// loop would never have ended (see `perform_reassignments`).
pub fn build(m: &Model) -> (Vec<Vec<u32>>, bool) {
    let n = m.members.len();
    if n == 0 {
        return (Vec::new(), false);
    }
    let mut b = Builder::new(m);
    b.balance();
    let mut out: Vec<Vec<u32>> = alloc::vec![Vec::new(); n];
    for (pid, &c) in b.owner.iter().enumerate() {
        if c != NONE {
            out[c as usize].push(pid as u32);
        }
    }
    (out, b.endless)
}

struct Builder<'m, 'a> {
    m: &'m Model<'a>,
    owner: Vec<u32>,
    size: Vec<u32>,
    /// Kafka's `sortedCurrentSubscriptions`: (assignment size, member rank) of members still in play.
    /// Packed as `size << 32 | rank` → 0: a `u64 → u64` map, the type the other sticky maps share.
    sorted: BTreeMap<u64, u64>,
    active: Vec<bool>,
    /// Per topic: subscribing members, duplicates kept (Kafka counts list entries).
    topic_subs: Vec<Vec<u32>>,
    /// Per member: its subscribed topic ids, sorted and deduplicated for lookups.
    subs: Vec<Vec<u32>>,
    max_size: Vec<u64>,
    owned_topics: Vec<BTreeMap<u64, u64>>,
    /// Per topic: assignment size → number of in-play members of that size owning a partition of the topic.
    owner_sizes: Vec<BTreeMap<u64, u64>>,
    tracking: bool,
    moves: Movements,
    /// Per partition: the claim of an older generation (`prevAssignment`).
    prev: Vec<(u32, i32)>,
    revocation_required: bool,
    sorted_all: Vec<u32>,
    unassigned: Vec<u32>,
    /// Set when a balancing loop came back to a state it had already been in (Kafka would loop forever).
    endless: bool,
}

impl<'m, 'a> Builder<'m, 'a> {
    fn new(m: &'m Model<'a>) -> Self {
        let n = m.members.len();
        let topic_count = m.topics.len();
        let total = m.total() as usize;
        let mut topic_subs: Vec<Vec<u32>> = alloc::vec![Vec::new(); topic_count];
        for &c in &m.hash_order {
            for &t in &m.potential[c as usize] {
                topic_subs[t as usize].push(c);
            }
        }
        let subs: Vec<Vec<u32>> = m
            .potential
            .iter()
            .map(|p| {
                let mut s = p.clone();
                crate::sort::sort_u32(&mut s);
                s.dedup();
                s
            })
            .collect();
        let max_size = m
            .potential
            .iter()
            .map(|p| {
                if p.len() == topic_count {
                    u64::from(m.total())
                } else {
                    p.iter().map(|&t| u64::from(m.count(t))).sum()
                }
            })
            .collect();

        let mut prev = alloc::vec![(NONE, 0i32); total];
        for &c in &m.hash_order {
            let generation = match m.generation[c as usize] {
                Some(g) if g < m.max_generation => g,
                None if m.max_generation > -1 => -1,
                _ => continue,
            };
            for &pid in &m.claimed[c as usize] {
                let slot = &mut prev[pid as usize];
                if slot.0 == NONE || generation > slot.1 {
                    *slot = (c, generation);
                }
            }
        }

        let mut topics_by_order: Vec<u32> = (0..topic_count as u32).collect();
        crate::sort::sort_ids_by(&mut topics_by_order, &mut |a, b| {
            (topic_subs[a as usize].len(), a).cmp(&(topic_subs[b as usize].len(), b))
        });
        let mut sorted_all = Vec::with_capacity(total);
        for &t in &topics_by_order {
            sorted_all.extend(m.offsets[t as usize]..m.offsets[t as usize + 1]);
        }

        let mut b = Builder {
            m,
            owner: alloc::vec![NONE; total],
            size: alloc::vec![0; n],
            sorted: BTreeMap::new(),
            active: alloc::vec![true; n],
            topic_subs,
            subs,
            max_size,
            // Built empty one by one, not `vec![map; n]`: cloning a map would link the tree's clone code.
            owned_topics: (0..n).map(|_| BTreeMap::new()).collect(),
            owner_sizes: (0..topic_count).map(|_| BTreeMap::new()).collect(),
            tracking: false,
            moves: Movements::default(),
            prev,
            revocation_required: false,
            sorted_all,
            unassigned: Vec::new(),
            endless: false,
        };
        // Keep owned partitions of topics the member still subscribes to.
        for c in 0..n {
            for &pid in &m.owned[c] {
                if b.subs[c].binary_search(&m.topic_of(pid)).is_ok() {
                    b.give(pid, c as u32);
                } else {
                    b.revocation_required = true;
                }
            }
        }
        b.unassigned = b
            .sorted_all
            .iter()
            .copied()
            .filter(|&p| b.owner[p as usize] == NONE)
            .collect();
        for c in 0..n {
            b.sorted.insert(size_rank(b.size[c], m.rank[c]), 0);
        }
        b
    }

    fn give(&mut self, pid: u32, c: u32) {
        self.owner[pid as usize] = c;
        self.size[c as usize] += 1;
        *self.owned_topics[c as usize]
            .entry(u64::from(self.m.topic_of(pid)))
            .or_insert(0) += 1;
    }

    fn take(&mut self, pid: u32) {
        let c = self.owner[pid as usize];
        self.owner[pid as usize] = NONE;
        self.size[c as usize] -= 1;
        let t = self.m.topic_of(pid);
        let topics = &mut self.owned_topics[c as usize];
        if let Some(k) = topics.get_mut(&u64::from(t)) {
            *k -= 1;
            if *k == 0 {
                topics.remove(&u64::from(t));
            }
        }
    }

    /// Takes `c` out of the size-ordered structures before its assignment changes.
    fn detach(&mut self, c: u32) {
        if !self.active[c as usize] {
            return;
        }
        let s = self.size[c as usize];
        self.sorted.remove(&size_rank(s, self.m.rank[c as usize]));
        if self.tracking {
            for &t in self.owned_topics[c as usize].keys() {
                let sizes = &mut self.owner_sizes[t as usize];
                if let Some(k) = sizes.get_mut(&u64::from(s)) {
                    *k -= 1;
                    if *k == 0 {
                        sizes.remove(&u64::from(s));
                    }
                }
            }
        }
    }

    fn attach(&mut self, c: u32) {
        if !self.active[c as usize] {
            return;
        }
        let s = self.size[c as usize];
        self.sorted.insert(size_rank(s, self.m.rank[c as usize]), 0);
        if self.tracking {
            for &t in self.owned_topics[c as usize].keys() {
                *self.owner_sizes[t as usize]
                    .entry(u64::from(s))
                    .or_insert(0) += 1;
            }
        }
    }

    /// The least-loaded in-play member subscribed to `topic` (ties by member id).
    fn first_subscriber(&self, topic: u32) -> Option<u32> {
        self.sorted
            .keys()
            .map(|&k| self.m.by_rank[k as u32 as usize])
            .find(|&c| self.subs[c as usize].binary_search(&topic).is_ok())
    }

    fn can_participate(&self, c: usize) -> bool {
        u64::from(self.size[c]) < self.max_size[c]
            || self.owned_topics[c]
                .keys()
                .any(|&t| self.topic_subs[t as usize].len() >= 2)
    }

    fn balance_score(&self) -> i64 {
        let mut sizes: Vec<u32> = (0..self.size.len())
            .filter(|&c| self.active[c])
            .map(|c| self.size[c])
            .collect();
        crate::sort::sort_u32(&mut sizes);
        let k = sizes.len() as i64;
        sizes
            .iter()
            .enumerate()
            .map(|(i, &s)| i64::from(s) * (2 * i as i64 - (k - 1)))
            .sum()
    }

    fn balance(&mut self) {
        let initializing = self
            .sorted
            .last_key_value()
            .is_none_or(|(&k, _)| k >> 32 == 0);
        let unassigned = core::mem::take(&mut self.unassigned);
        for &pid in &unassigned {
            let t = self.m.topic_of(pid);
            if self.topic_subs[t as usize].is_empty() {
                continue;
            }
            if let Some(c) = self.first_subscriber(t) {
                self.detach(c);
                self.give(pid, c);
                self.attach(c);
            }
        }
        // Only partitions of topics with two or more subscribers, and members holding one, can move.
        let movable = |b: &Self, pid: &u32| b.topic_subs[b.m.topic_of(*pid) as usize].len() >= 2;
        let sorted_all: Vec<u32> = self
            .sorted_all
            .iter()
            .copied()
            .filter(|p| movable(self, p))
            .collect();
        let unassigned: Vec<u32> = unassigned
            .into_iter()
            .filter(|p| movable(self, p))
            .collect();
        for c in 0..self.size.len() {
            if !self.can_participate(c) {
                self.detach(c as u32);
                self.active[c] = false;
            }
        }
        self.tracking = true;
        for c in 0..self.size.len() {
            if self.active[c] {
                let s = self.size[c];
                for &t in self.owned_topics[c].keys() {
                    *self.owner_sizes[t as usize]
                        .entry(u64::from(s))
                        .or_insert(0) += 1;
                }
            }
        }

        let pre_owner = self.owner.clone();
        let pre_size = self.size.clone();
        let pre_score = self.balance_score();
        if !self.revocation_required {
            self.perform_reassignments(&unassigned);
        }
        // Kafka would still be in the first loop; what stands is kept, or dropped like any move that did not
        // improve the balance score.
        let performed = self.endless || self.perform_reassignments(&sorted_all);
        if !initializing && performed && self.balance_score() >= pre_score {
            self.owner = pre_owner;
            self.size = pre_size;
        }
    }

    /// Kafka's `isBalanced`: sizes differ by at most one, or no member lacking partitions it could take sees
    /// a partition of one of its topics on a member holding two or more than it does.
    fn is_balanced(&self) -> bool {
        let (Some((&lo, _)), Some((&hi, _))) =
            (self.sorted.first_key_value(), self.sorted.last_key_value())
        else {
            return true;
        };
        let (min, max) = ((lo >> 32) as u32, (hi >> 32) as u32);
        if min + 1 >= max {
            return true;
        }
        for &k in self.sorted.keys() {
            let (s, r) = ((k >> 32) as u32, k as u32);
            if s + 1 >= max {
                break;
            }
            let c = self.m.by_rank[r as usize] as usize;
            if u64::from(s) == self.max_size[c] {
                continue;
            }
            for &t in &self.m.potential[c] {
                if let Some((&heaviest, _)) = self.owner_sizes[t as usize].last_key_value() {
                    if heaviest > u64::from(s) + 1 {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// Kafka's `performReassignments`, which repeats its pass until a pass moves nothing. Kafka's pass can
    /// also undo itself: asked to move a partition it may move back another one that came from elsewhere (see
    /// [`Movements::actual_to_move`]), so two moves can cancel out pass after pass and Kafka's loop never ends
    /// (the group leader's `poll` would hang). Everything a pass depends on is the owners and the movement
    /// record, so when both come back to a state an earlier pass ended in, the loop is known to be endless and
    /// stops here, keeping the assignment as it stands (`balance` may still go back to the one before).
    fn perform_reassignments(&mut self, partitions: &[u32]) -> bool {
        let mut performed = false;
        let mut seen: Vec<u64> = Vec::new();
        loop {
            let mut modified = false;
            for &pid in partitions {
                if self.is_balanced() {
                    break;
                }
                let c = self.owner[pid as usize];
                if c == NONE {
                    continue;
                }
                let current = self.size[c as usize];
                let (previous, _) = self.prev[pid as usize];
                // Kafka would throw a NullPointerException for a previous owner that is out of play; we skip.
                if previous != NONE
                    && self.active[previous as usize]
                    && current > self.size[previous as usize] + 1
                {
                    self.reassign(pid, previous);
                    performed = true;
                    modified = true;
                    continue;
                }
                if let Some(target) = self.first_subscriber(self.m.topic_of(pid)) {
                    if current > self.size[target as usize] + 1 {
                        self.reassign(pid, target);
                        performed = true;
                        modified = true;
                    }
                }
            }
            if !modified {
                return performed;
            }
            let state = self.fingerprint();
            if seen.contains(&state) {
                self.endless = true;
                return performed;
            }
            seen.push(state);
        }
    }

    /// A 64-bit digest of the owners and the movement record (FxHash's mixing step, word by word).
    fn fingerprint(&self) -> u64 {
        let mut h = 0u64;
        let mut fold = |w: u64| h = (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
        self.owner.iter().for_each(|&c| fold(u64::from(c)));
        self.moves.fold_state(&mut fold);
        h
    }

    fn reassign(&mut self, pid: u32, new: u32) {
        let old = self.owner[pid as usize];
        let moved = self.moves.actual_to_move(self.m, pid, old, new);
        let from = self.owner[moved as usize];
        self.detach(from);
        if new != from {
            self.detach(new);
        }
        self.moves.move_partition(self.m, moved, from, new);
        self.take(moved);
        self.give(moved, new);
        self.attach(new);
        if new != from {
            self.attach(from);
        }
    }
}

/// `(size, rank)` packed so that `u64` order is the tuple's order.
fn size_rank(size: u32, rank: u32) -> u64 {
    u64::from(size) << 32 | u64::from(rank)
}
