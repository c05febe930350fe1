//! Invariants checked after every millisecond in debug builds (and by the property tests).

use super::{GroupState, World};
use crate::consumer::Phase;
use crate::offsets::Tp;
use alloc::vec::Vec;

#[cfg(debug_assertions)]
pub(super) fn check(w: &World) {
    if let Err(msg) = violations(w) {
        panic!("invariant broken at {} ms: {msg}", w.now_ms);
    }
}

/// One bit per partition of the world, to find a partition held twice without sorting or a map: this runs after
/// every simulated millisecond in debug builds (a `BTreeMap` per check took most of a fault storm's time).
struct Seen {
    /// Index of each topic's partition 0 in `bits`, and the end.
    first: Vec<usize>,
    bits: Vec<u64>,
}

impl Seen {
    fn new(w: &World) -> Self {
        let mut first = Vec::with_capacity(w.topics.len() + 1);
        let mut n = 0;
        for t in &w.topics {
            first.push(n);
            n += t.logs.len();
        }
        first.push(n);
        Seen {
            first,
            bits: alloc::vec![0; n.div_ceil(64)],
        }
    }

    fn bit(&self, (t, p): Tp) -> Option<usize> {
        let (start, end) = (
            *self.first.get(t as usize)?,
            *self.first.get(t as usize + 1)?,
        );
        let i = start + p as usize;
        (i < end).then_some(i)
    }

    /// Whether every partition of `held` is there once and known; leaves the bits clear.
    fn all_once(&mut self, held: &[(Tp, &str)]) -> bool {
        let mut once = true;
        let mut marked = 0;
        for &(tp, _) in held {
            let Some(i) = self.bit(tp) else {
                once = false;
                break;
            };
            let (word, mask) = (i / 64, 1u64 << (i % 64));
            if self.bits[word] & mask != 0 {
                once = false;
                break;
            }
            self.bits[word] |= mask;
            marked += 1;
        }
        for &(tp, _) in &held[..marked] {
            if let Some(i) = self.bit(tp) {
                self.bits[i / 64] = 0;
            }
        }
        once
    }
}

/// The first partition held by two owners in `held` (`(partition, owner)` pairs): the bitmap answers the common
/// case, the sort (of `held`) finds the two owners when there are any.
fn held_twice<'a>(held: &mut [(Tp, &'a str)], seen: &mut Seen) -> Option<(Tp, &'a str, &'a str)> {
    if seen.all_once(held) {
        return None;
    }
    held.sort_by_key(|h| h.0);
    held.windows(2)
        .find(|w| w[0].0 == w[1].0)
        .map(|w| (w[0].0, w[0].1, w[1].1))
}

/// The first broken invariant, if any.
pub(crate) fn violations(w: &World) -> Result<(), alloc::string::String> {
    use alloc::format;
    #[cfg(feature = "brokers")]
    w.kept_leader_state_is_fresh()?;
    let mut held: Vec<(Tp, &str)> = Vec::new();
    let mut seen = Seen::new(w);
    for g in &w.groups {
        if g.coord.generation < g.last_generation {
            return Err(format!("group {} generation went back", g.spec.id));
        }
        // One owner per partition in the coordinator's assignment ...
        held.clear();
        for (m, parts) in g.coord.assignment.iter() {
            held.extend(parts.iter().map(|tp| (*tp, m.as_str())));
        }
        if let Some((tp, other, m)) = held_twice(&mut held, &mut seen) {
            return Err(format!(
                "group {}: {tp:?} assigned to {other} and {m}",
                g.spec.id
            ));
        }
        // ... and among live threads of the current generation.
        held.clear();
        let mut members = 0u32;
        let mut idle = 0u32;
        for inst in g.instances.iter().filter(|i| i.is_running()) {
            for t in &inst.threads {
                if t.phase != Phase::Stable
                    || t.generation != g.coord.generation
                    || t.removed
                    || t.poll_timed_out
                {
                    continue;
                }
                members += 1;
                idle += u32::from(t.assigned.is_empty());
                held.extend(t.assigned.iter().map(|tp| (*tp, t.member_id.as_str())));
            }
        }
        if let Some((tp, other, m)) = held_twice(&mut held, &mut seen) {
            return Err(format!(
                "group {}: {tp:?} owned by {other} and {m}",
                g.spec.id
            ));
        }
        // Across generations: among threads the coordinator still counts as members, no partition has two
        // owners at any moment. This is what cooperative rebalancing promises while a member of the previous
        // generation still works on its partitions; eager members revoke everything before rejoining.
        held.clear();
        for inst in g.instances.iter().filter(|i| i.is_running()) {
            for t in &inst.threads {
                // A static member that did not rejoin stays in the group with its last subscription and is
                // given an assignment while its thread may still work off its old partitions: a zombie whose
                // generation is stale, as in Kafka, which fences it (ILLEGAL_GENERATION) at its next heartbeat.
                // Likewise a thread that missed a whole generation and rejoined with its old partitions while it
                // waits for its SyncGroup: its claims lost to any claim of a later generation
                // (AbstractStickyAssignor), so another member may own them already; the SyncGroup revokes them.
                let zombie = |m: &crate::group::member::MemberMeta| {
                    (m.generation < g.coord.generation && t.generation < g.coord.generation)
                        || (m.pending_sync && t.generation < g.coord.generation - 1)
                };
                if t.assigned.is_empty() {
                    continue;
                }
                let Some(m) = g.coord.members.iter().find(|m| m.member_id == t.member_id) else {
                    continue;
                };
                if t.removed || zombie(m) {
                    continue;
                }
                held.extend(t.assigned.iter().map(|tp| (*tp, t.member_id.as_str())));
            }
        }
        if let Some((tp, other, m)) = held_twice(&mut held, &mut seen) {
            return Err(format!(
                "group {}: {tp:?} held by {other} and {m} at once",
                g.spec.id
            ));
        }
        for (&(t, p), &c) in &g.coord.committed {
            let Some(log) = w
                .topics
                .get(t as usize)
                .and_then(|x| x.logs.get(p as usize))
            else {
                return Err(format!(
                    "group {}: committed offset for deleted or unknown partition {t}-{p}",
                    g.spec.id
                ));
            };
            let end = log.log_end();
            // With brokers an unclean election may cut the log below a committed offset, as in Kafka.
            #[cfg(feature = "brokers")]
            let c = if w.cluster.is_some() { c.min(end) } else { c };
            if c > end {
                return Err(format!(
                    "group {}: committed {c} > log-end {end}",
                    g.spec.id
                ));
            }
        }
        // Idle threads only when there are more members than partitions of some subscribed topic (range can
        // leave a member empty whenever it is beyond a topic's partition count, and that holds for all topics).
        // Only with equal subscriptions: with per-instance topics a member may share a small topic with others.
        // (Compared last: comparing the subscriptions' strings every millisecond is costly.)
        let equal = || {
            g.coord
                .members
                .windows(2)
                .all(|m| m[0].topics == m[1].topics)
        };
        if g.coord.state == GroupState::Stable
            && idle > 0
            && !g.spec.strategy.is_cooperative()
            && equal()
        {
            let min_parts = g.coord.metadata.iter().map(|&(_, n)| n).min().unwrap_or(0);
            let total = g.coord.members.len() as u32;
            if members == total && total <= min_parts {
                return Err(format!(
                    "group {}: idle member with {total} members and >= {min_parts} partitions per topic",
                    g.spec.id
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Topic 0 with 3 partitions, topic 1 with 2 (bits 0–2 and 3–4).
    fn seen() -> Seen {
        Seen {
            first: alloc::vec![0, 3, 5],
            bits: alloc::vec![0],
        }
    }

    #[test]
    fn a_partition_held_twice_is_found_with_both_owners() {
        let mut s = seen();
        let mut ok = [((0, 0), "a"), ((0, 2), "a"), ((1, 0), "b"), ((1, 1), "c")];
        assert_eq!(held_twice(&mut ok, &mut s), None);
        assert_eq!(s.bits, [0], "the bits are left clear");
        let mut twice = [((1, 1), "c"), ((0, 0), "a"), ((1, 1), "b")];
        assert_eq!(held_twice(&mut twice, &mut s), Some(((1, 1), "c", "b")));
        assert_eq!(s.bits, [0]);
        // Topic 1 and topic 0 partition 3 share no bit: (0, 3) is past topic 0's end, so it is sorted instead.
        let mut unknown = [((0, 3), "a"), ((1, 0), "b"), ((0, 3), "c"), ((7, 0), "d")];
        assert_eq!(held_twice(&mut unknown, &mut s), Some(((0, 3), "a", "c")));
        let mut distinct_unknown = [((0, 3), "a"), ((1, 0), "b"), ((9, 9), "c")];
        assert_eq!(held_twice(&mut distinct_unknown, &mut s), None);
        assert_eq!(s.bits, [0]);
    }
}
