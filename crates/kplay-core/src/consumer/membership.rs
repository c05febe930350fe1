//! Group membership of one consumer thread: JoinGroup (with the member's own subscription and owned
//! partitions), the preparation before a rejoin (ConsumerCoordinator.onJoinPrepare) and the new assignment
//! with its rebalance callbacks (onJoinComplete).

use super::commit::{self, commit, commit_pending, init_position};
use super::GroupRt;
use super::{tp_names, Ctx, Phase};
use crate::event::EventKind;
use crate::group::member::{JoinReply, Tp};
use alloc::format;
use alloc::vec::Vec;

pub(super) fn join(
    g: &mut GroupRt,
    i: usize,
    ti: usize,
    owned: Vec<Tp>,
    owned_generation: i32,
    ctx: &mut Ctx,
) {
    let now = ctx.now;
    let static_id = g.instances[i].static_id(g.instances[i].threads[ti].index);
    if g.instances[i].threads[ti].member_id.is_empty() {
        // Kafka's member id shape, `clientId-UUID`, with the UUID from the seeded RNG.
        let uuid = g.rng.uuid();
        let t = &g.instances[i].threads[ti];
        g.instances[i].threads[ti].member_id =
            format!("{}-{}-{}", g.instances[i].spec.id, t.index, uuid);
    }
    let member = g.instances[i].threads[ti].member_id.clone();
    let topics = g.subscription(i).to_vec();
    let reply = g.coord.join(
        now,
        &g.spec,
        &g.spec.id,
        ctx.ev,
        &member,
        static_id.as_deref(),
        owned,
        owned_generation,
        topics,
    );
    let t = &mut g.instances[i].threads[ti];
    t.next_heartbeat_ms = now + u64::from(g.spec.heartbeat_interval_ms);
    t.phase = Phase::Joining;
    if let JoinReply::StaticReplaced {
        generation,
        partitions,
    } = reply
    {
        accept_assignment(g, i, ti, generation, partitions, ctx);
    }
}

/// Before rejoining (ConsumerCoordinator.onJoinPrepare): with auto-commit on, every member commits its
/// positions (answered at once here); then eager members revoke everything, cooperative members keep their
/// partitions and send them as `ownedPartitions`.
pub(super) fn rejoin(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) {
    g.instances[i].threads[ti].rejoin = false;
    let is_static = g.instances[i].spec.static_id.is_some();
    if !is_static
        && g.coord
            .member(&g.instances[i].threads[ti].member_id)
            .is_none()
    {
        // Removed meanwhile (e.g. dropped as a straggler of a join round): Kafka answers the JoinGroup with
        // UNKNOWN_MEMBER_ID, the consumer loses its partitions and joins afresh. Joining with the old id and
        // its owned partitions would let a cooperative member keep partitions already given to others.
        g.instances[i].threads[ti].removed = true;
        return;
    }
    let generation = g.instances[i].threads[ti].generation;
    if g.spec.commit.auto_commit() {
        commit::commit_positions(g, i, ti, ctx);
    }
    let t = &mut g.instances[i].threads[ti];
    if t.removed || t.generation < 0 {
        // The broker refused that commit for a stale generation or an unknown member. Kafka's onJoinPrepare
        // sends its auto-commit asynchronously and returns before the answer (poll's join timer is 0); the next
        // poll finds the generation reset, gives every partition up as lost and joins owning nothing. The
        // thread stays Stable so that its next poll does exactly that, without a second commit (Kafka only
        // reads the answer of the one it sent).
        t.rejoin = false;
        t.positions.clear();
        return;
    }
    if g.spec.strategy.is_cooperative() {
        super::subscribe::revoke_unsubscribed(g, i, ti, ctx);
        let owned = g.instances[i].threads[ti].assigned.clone();
        join(g, i, ti, owned, generation, ctx);
        return;
    }
    // Spring's container commits its pending acks in onPartitionsRevoked (commitPendingAcks).
    commit_pending(g, i, ti, ctx);
    let t = &mut g.instances[i].threads[ti];
    // A commit rejected for a stale generation asked for a rejoin: this is it.
    t.rejoin = false;
    let owned = core::mem::take(&mut t.assigned);
    t.positions.clear();
    t.processed.clear();
    if !owned.is_empty() {
        let kind = EventKind::Revoked {
            group: g.spec.id.clone(),
            member: t.member_id.clone(),
            instance: g.instances[i].spec.id.clone(),
            generation,
            partitions: tp_names(ctx.topics, &owned),
        };
        ctx.ev.push(ctx.now, kind);
    }
    if g.instances[i].threads[ti].removed {
        return;
    }
    join(g, i, ti, owned, generation, ctx);
}

pub(super) fn accept_assignment(
    g: &mut GroupRt,
    i: usize,
    ti: usize,
    generation: i32,
    parts: Vec<Tp>,
    ctx: &mut Ctx,
) {
    let cooperative = g.spec.strategy.is_cooperative();
    let t = &mut g.instances[i].threads[ti];
    let old = core::mem::take(&mut t.assigned);
    let revoked: Vec<Tp> = old
        .iter()
        .copied()
        .filter(|tp| !parts.contains(tp))
        .collect();
    let added: Vec<Tp> = parts
        .iter()
        .copied()
        .filter(|tp| !old.contains(tp))
        .collect();
    let member = t.member_id.clone();
    let instance = g.instances[i].spec.id.clone();
    // Spring's container commits its pending acks in onPartitionsRevoked, with the new generation.
    let mut pending = Vec::new();
    if cooperative && !revoked.is_empty() {
        pending = commit::pending(g, i, ti);
        let t = &mut g.instances[i].threads[ti];
        for tp in &revoked {
            t.positions.remove(tp);
            t.processed.remove(tp);
        }
        // The revoked partitions were withheld by the leader: rejoin at once for the follow-up round.
        t.rejoin = true;
        let partitions = tp_names(ctx.topics, &revoked);
        let kind = EventKind::Revoked {
            group: g.spec.id.clone(),
            member: member.clone(),
            instance: instance.clone(),
            generation,
            partitions,
        };
        ctx.ev.push(ctx.now, kind);
    }
    {
        // onPartitionsAssigned runs even with nothing added (ConsumerCoordinator.onJoinComplete).
        let partitions = tp_names(ctx.topics, &added);
        let kind = EventKind::Assigned {
            group: g.spec.id.clone(),
            member,
            instance,
            generation,
            partitions,
        };
        ctx.ev.push(ctx.now, kind);
    }
    for tp in added {
        init_position(g, i, ti, tp, ctx);
    }
    let t = &mut g.instances[i].threads[ti];
    t.assigned = parts;
    t.generation = generation;
    t.phase = Phase::Stable;
    // The auto-commit interval starts again when a rebalance completes (ConsumerCoordinator.onJoinComplete).
    t.last_auto_commit_ms = ctx.now;
    commit(g, i, ti, &pending, ctx);
}
