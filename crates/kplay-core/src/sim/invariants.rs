//! Invariants checked after every millisecond in debug builds (and by the property tests).

use super::{GroupState, World};
use crate::consumer::Phase;
use alloc::collections::BTreeMap;

#[cfg(debug_assertions)]
pub(super) fn check(w: &World) {
    if let Err(msg) = violations(w) {
        panic!("invariant broken at {} ms: {msg}", w.now_ms);
    }
}

/// The first broken invariant, if any.
pub(crate) fn violations(w: &World) -> Result<(), alloc::string::String> {
    use alloc::format;
    for g in &w.groups {
        if g.coord.generation < g.last_generation {
            return Err(format!("group {} generation went back", g.spec.id));
        }
        // One owner per partition in the coordinator's assignment ...
        let mut owners = BTreeMap::new();
        for (m, parts) in g.coord.assignment.iter() {
            for tp in parts {
                if let Some(other) = owners.insert(*tp, m) {
                    return Err(format!(
                        "group {}: {tp:?} assigned to {other} and {m}",
                        g.spec.id
                    ));
                }
            }
        }
        // ... and among live threads of the current generation.
        let mut owners = BTreeMap::new();
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
                for tp in &t.assigned {
                    if let Some(other) = owners.insert(*tp, &t.member_id) {
                        return Err(format!(
                            "group {}: {tp:?} owned by {other} and {}",
                            g.spec.id, t.member_id
                        ));
                    }
                }
            }
        }
        // Across generations: among threads the coordinator still counts as members, no partition has two
        // owners at any moment. This is what cooperative rebalancing promises while a member of the previous
        // generation still works on its partitions; eager members revoke everything before rejoining.
        let mut owners = BTreeMap::new();
        for inst in g.instances.iter().filter(|i| i.is_running()) {
            for t in &inst.threads {
                // A static member that did not rejoin stays in the group with its last subscription and is
                // given an assignment while its thread may still work off its old partitions: a zombie whose
                // generation is stale, as in Kafka, which fences it (ILLEGAL_GENERATION) at its next heartbeat.
                let zombie = |m: &crate::group::member::MemberMeta| {
                    m.generation < g.coord.generation && t.generation < g.coord.generation
                };
                let Some(m) = g.coord.members.iter().find(|m| m.member_id == t.member_id) else {
                    continue;
                };
                if t.removed || zombie(m) {
                    continue;
                }
                for tp in &t.assigned {
                    if let Some(other) = owners.insert(*tp, &t.member_id) {
                        return Err(format!(
                            "group {}: {tp:?} held by {other} and {} at once",
                            g.spec.id, t.member_id
                        ));
                    }
                }
            }
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
        let equal = g
            .coord
            .members
            .windows(2)
            .all(|m| m[0].topics == m[1].topics);
        if g.coord.state == GroupState::Stable
            && idle > 0
            && equal
            && !g.spec.strategy.is_cooperative()
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
