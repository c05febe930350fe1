//! Kafka's `ConstrainedAssignmentBuilder`: the fast path taken when every member subscribes to the same topics.
//!
//! Every member gets `minQuota` or `maxQuota` partitions; exactly `total % members` get `maxQuota`. Owned
//! partitions are kept first, visiting members in `HashMap` order (that order decides who may keep `maxQuota`);
//! the rest is dealt round-robin to members sorted by id.

use alloc::vec::Vec;

use super::model::{Model, NONE};

/// Assignment per member (input order) plus, for the cooperative protocol, `(partition, new owner)` for every
/// partition that another member must first give up.
pub struct Outcome {
    /// Partition ids per member.
    pub assignment: Vec<Vec<u32>>,
    /// Kafka's `partitionsTransferringOwnership`.
    pub transferring: Vec<(u32, u32)>,
}

/// Runs the constrained path.
pub fn build(m: &Model) -> Outcome {
    let n = m.members.len();
    let total = m.total() as usize;
    let mut out = Outcome {
        assignment: alloc::vec![Vec::new(); n],
        transferring: Vec::new(),
    };
    if n == 0 {
        return out;
    }
    let min_quota = total / n;
    let max_quota = total.div_ceil(n);
    let expected_over_min = total % n;
    let mut current_over_min = 0usize;

    let mut assigned = alloc::vec![false; total];
    let mut maybe_revoked = alloc::vec![NONE; total];
    let mut under_min: Vec<u32> = Vec::new();
    // Kafka's queue of members at minQuota: a list read from `exactly_min_head` on (a `VecDeque` linked its own
    // ring-buffer code, rotation included, into the wasm for this one queue).
    let mut exactly_min: Vec<u32> = Vec::new();
    let mut exactly_min_head = 0usize;

    let mut keyed: Vec<(u32, u32, u32)> = Vec::new();
    for &c in &m.hash_order {
        // Kafka trims owned partitions after sorting them by partition number, then topic.
        keyed.clear();
        keyed.extend(m.owned[c as usize].iter().filter_map(|&pid| {
            if m.multiply_claimed[pid as usize] {
                return None;
            }
            let t = m.topic_of(pid);
            Some((pid - m.offsets[t as usize], t, pid))
        }));
        crate::sort::sort_by(&mut keyed, &mut |a, b| a.cmp(b));
        let owned = keyed.len();
        let keep = if owned < min_quota {
            under_min.push(c);
            owned
        } else if owned >= max_quota && current_over_min < expected_over_min {
            current_over_min += 1;
            if current_over_min == expected_over_min {
                exactly_min.clear();
            }
            max_quota
        } else {
            if current_over_min < expected_over_min {
                exactly_min.push(c);
            }
            min_quota
        };
        let list = &mut out.assignment[c as usize];
        list.reserve(max_quota);
        for &(_, _, pid) in &keyed[..keep] {
            list.push(pid);
            assigned[pid as usize] = true;
        }
        for &(_, _, pid) in &keyed[keep..] {
            maybe_revoked[pid as usize] = c;
        }
    }

    let mut by_rank = |a: u32, b: u32| m.rank[a as usize].cmp(&m.rank[b as usize]);
    crate::sort::sort_ids_by(&mut under_min, &mut by_rank);
    // Nothing was taken from the queue yet: the whole list is the queue.
    crate::sort::sort_ids_by(&mut exactly_min, &mut by_rank);

    // Round-robin over members still under minQuota, then one each to members at minQuota until
    // `total % members` of them reached maxQuota.
    let mut cursor = 0usize;
    for pid in (0..total as u32).filter(|&p| !assigned[p as usize]) {
        let (c, from_cursor) = if cursor < under_min.len() {
            cursor += 1;
            (under_min[cursor - 1], true)
        } else if under_min.is_empty() {
            match exactly_min.get(exactly_min_head) {
                Some(&c) => {
                    exactly_min_head += 1;
                    (c, false)
                }
                // Kafka throws IllegalStateException here; it cannot happen when the quotas add up.
                None => break,
            }
        } else {
            cursor = 1;
            (under_min[0], true)
        };
        let list = &mut out.assignment[c as usize];
        list.push(pid);
        let revoked_from = maybe_revoked[pid as usize];
        if (revoked_from != NONE && revoked_from != c) || m.multiply_claimed[pid as usize] {
            out.transferring.push((pid, c));
        }
        let count = list.len();
        if count == min_quota {
            if from_cursor {
                cursor -= 1;
                under_min.remove(cursor);
            }
            exactly_min.push(c);
        } else if count == max_quota {
            // Kafka only logs when this reaches the expected number early; nothing reads it afterwards.
            current_over_min += 1;
            let _ = current_over_min;
        }
    }
    out
}
