//! The poll loop of one consumer thread, run every millisecond: heartbeat thread duties, processing of the
//! fetched batch, then `poll()` (join/sync, auto-commit, fetch).

use super::commit::{
    after_record, after_records, commit_positions, container_commits, reset_position, warn,
};
use super::membership::{accept_assignment, join, rejoin};
use super::GroupRt;
use super::{tp_names, Ctx, Fetched, Phase};
use crate::event::EventKind;
use crate::group::member::HeartbeatReply;
use alloc::format;
use alloc::vec::Vec;

pub(crate) fn tick_group(g: &mut GroupRt, ctx: &mut Ctx) {
    for i in 0..g.instances.len() {
        if !g.instances[i].is_running() {
            continue;
        }
        for ti in 0..g.instances[i].threads.len() {
            #[cfg(feature = "brokers")]
            if super::coordinator_wait::still_blocked(g, i, ti, ctx) {
                continue;
            }
            heartbeat(g, i, ti, ctx);
            process_due(g, i, ti, ctx);
            #[cfg(feature = "brokers")]
            if super::coordinator_wait::blocked(g, i, ti) {
                continue;
            }
            if g.instances[i].threads[ti].batch.is_empty() {
                poll(g, i, ti, ctx);
            }
        }
    }
    g.track_presence(ctx.topics);
}

/// The background heartbeat thread: heartbeats, and leaves the group when `max.poll.interval.ms` passed
/// without a poll (a static member only stops heartbeating; the session timeout removes it).
fn heartbeat(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) {
    let now = ctx.now;
    let is_static = g.instances[i].spec.static_id.is_some();
    let t = &g.instances[i].threads[ti];
    // An unknown coordinator: the heartbeat thread only looks it up (no heartbeat, no poll-timeout check).
    if t.phase == Phase::Unjoined || t.poll_timed_out || t.removed || !g.coordinator_available() {
        return;
    }
    if t.phase == Phase::Stable
        && now.saturating_sub(t.last_poll_ms) > u64::from(g.spec.max_poll_interval_ms)
    {
        let member = t.member_id.clone();
        g.instances[i].threads[ti].poll_timed_out = true;
        let msg = if is_static {
            format!("static member {member} did not poll within max.poll.interval.ms: no LeaveGroup, it resets its member id and generation")
        } else {
            format!("member {member} did not poll within max.poll.interval.ms and leaves the group")
        };
        warn(g, ctx, "poll_timeout", msg);
        if !is_static {
            g.coord.leave(now, &g.spec, &g.spec.id, ctx.ev, &member);
        }
        return;
    }
    if now >= t.next_heartbeat_ms {
        let member = t.member_id.clone();
        let reply = g.coord.heartbeat(now, &member);
        let t = &mut g.instances[i].threads[ti];
        t.next_heartbeat_ms = now + u64::from(g.spec.heartbeat_interval_ms);
        match reply {
            HeartbeatReply::Ok => {}
            HeartbeatReply::RebalanceInProgress => t.rejoin = true,
            HeartbeatReply::UnknownMember => t.removed = true,
            // The client resets its generation but keeps its member id and rejoins
            // (AbstractCoordinator.HeartbeatResponseHandler, resetStateOnResponseError).
            HeartbeatReply::IllegalGeneration => {
                t.generation = -1;
                t.rejoin = true;
            }
        }
    }
}

fn process_due(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) {
    if let Some(cap) = g.instances[i].spec.handoff_queue {
        super::handoff::process_due(g, i, ti, cap as usize, ctx);
        return;
    }
    if !ctx.ev.records_on() && !g.spec.commit.per_record() {
        let n = super::quiet::process_due(g, i, ti, ctx.now);
        if n > 0 {
            after_records(g, i, ti, n, ctx);
        }
        return;
    }
    loop {
        let t = &mut g.instances[i].threads[ti];
        if t.next_done_ms > ctx.now {
            return;
        }
        let Some(f) = t.batch.pop_front() else {
            return;
        };
        let next = f.offset + 1;
        t.processed.insert(f.tp, next);
        processed(g, i, ti, f, ctx);
        after_record(g, i, ti, f.tp, next, ctx);
        // A commitSync waiting for the coordinator holds the thread.
        #[cfg(feature = "brokers")]
        if super::coordinator_wait::blocked(g, i, ti) {
            return;
        }
        if !g.instances[i].threads[ti].batch.is_empty() {
            let ms = g.instances[i].processing_time();
            g.instances[i].threads[ti].next_done_ms += ms;
        }
    }
}

/// The listener finished record `f`: the group's statistics and the `processed` event.
pub(super) fn processed(g: &mut GroupRt, i: usize, ti: usize, f: Fetched, ctx: &mut Ctx) {
    let duplicate = g.stats.record(f.tp, f.offset, g.instances[i].listener_slot);
    if ctx.ev.records_on() {
        let t = &g.instances[i].threads[ti];
        let kind = EventKind::Processed {
            group: g.spec.id.clone(),
            member: t.member_id.clone(),
            instance: g.instances[i].spec.id.clone(),
            thread: t.index,
            topic: ctx.topics[f.tp.0 as usize].spec.name.clone(),
            partition: f.tp.1,
            offset: f.offset,
            key: f.key.map(|k| ctx.keys.name(k).into()),
            duplicate,
        };
        ctx.ev.push(ctx.now, kind);
    }
}

fn poll(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) {
    let now = ctx.now;
    g.instances[i].threads[ti].last_poll_ms = now;
    if g.spec.commit.container_acks() {
        container_commits(g, i, ti, ctx);
    }
    #[cfg(feature = "brokers")]
    if super::coordinator_wait::blocked(g, i, ti) {
        return;
    }
    if !g.coordinator_available() {
        // ConsumerCoordinator.poll returns early (ensureCoordinatorReady fails): no join, rejoin or auto-commit;
        // the consumer still fetches what it holds.
        fetch(g, i, ti, ctx);
        return;
    }
    let t = &g.instances[i].threads[ti];
    if t.poll_timed_out || t.removed || (t.phase == Phase::Stable && t.generation < 0) {
        // The member learns it is no longer in the group (ConsumerCoordinator.onJoinPrepare with no
        // generation): the auto-commit it still attempts fails client-side, then onPartitionsLost and a fresh
        // join. After a poll timeout or UNKNOWN_MEMBER_ID its member id was reset with the generation
        // (AbstractCoordinator.resetStateAndGeneration), so a static member comes back as a known
        // `group.instance.id` with an unknown member id.
        if g.spec.commit.auto_commit() {
            commit_positions(g, i, ti, ctx);
        }
        let t = &g.instances[i].threads[ti];
        if !t.assigned.is_empty() {
            let kind = EventKind::Lost {
                group: g.spec.id.clone(),
                member: t.member_id.clone(),
                instance: g.instances[i].spec.id.clone(),
                partitions: tp_names(ctx.topics, &t.assigned),
            };
            ctx.ev.push(now, kind);
        }
        let t = &mut g.instances[i].threads[ti];
        t.assigned.clear();
        t.positions.clear();
        t.processed.clear();
        t.generation = -1;
        t.phase = Phase::Unjoined;
        // UNKNOWN_MEMBER_ID and a poll timeout reset the member id too; ILLEGAL_GENERATION keeps it.
        if t.poll_timed_out || t.removed {
            t.member_id.clear();
        }
        t.poll_timed_out = false;
        t.removed = false;
        t.rejoin = false;
    }
    match g.instances[i].threads[ti].phase {
        Phase::Unjoined => join(g, i, ti, Vec::new(), -1, ctx),
        Phase::Joining => {
            // One look at the member (a thread waits here every millisecond of a join round): its assignment
            // is taken only when the round has one for it.
            let t = &mut g.instances[i].threads[ti];
            let pending = g
                .coord
                .member_hinted(&t.member_id, &mut t.member_hint)
                .map(|m| m.pending_sync);
            let assignment = match pending {
                Some(true) => {
                    let member = t.member_id.clone();
                    g.coord.take_assignment(&member)
                }
                _ => None,
            };
            if let Some((generation, parts)) = assignment {
                accept_assignment(g, i, ti, generation, parts, ctx);
            } else if pending.is_none() {
                g.instances[i].threads[ti].removed = true;
            } else {
                // The join is pending: poll() does not wait for it (ClassicKafkaConsumer.poll calls
                // ConsumerCoordinator.poll without waiting for the join) and keeps fetching what the member
                // still owns — a cooperative member's partitions; an eager member revoked everything. Auto-commit
                // is not attempted meanwhile: ConsumerCoordinator.poll returns before maybeAutoCommitOffsetsAsync.
                fetch(g, i, ti, ctx);
            }
        }
        Phase::Stable if g.instances[i].threads[ti].rejoin => {
            rejoin(g, i, ti, ctx);
            if g.instances[i].threads[ti].phase == Phase::Joining {
                fetch(g, i, ti, ctx);
            }
        }
        Phase::Stable => {
            let t = &g.instances[i].threads[ti];
            let interval = u64::from(g.spec.commit.interval_ms);
            if g.spec.commit.auto_commit() && now >= t.last_auto_commit_ms + interval {
                g.instances[i].threads[ti].last_auto_commit_ms = now;
                commit_positions(g, i, ti, ctx);
            }
            fetch(g, i, ti, ctx);
        }
    }
}

fn fetch(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) {
    let max = g.spec.max_poll_records as usize;
    let n = g.instances[i].threads[ti].assigned.len();
    let start = g.instances[i].threads[ti].cursor;
    for k in 0..n {
        let t = &g.instances[i].threads[ti];
        if t.batch.len() >= max {
            break;
        }
        let tp = t.assigned[(start + k) % n];
        if !ctx.topics[tp.0 as usize].is_fetchable(tp.1) {
            continue;
        }
        #[cfg(feature = "brokers")]
        if t.awaiting_reset.contains(&tp) && t.positions.get(&tp).is_none() {
            super::commit::init_position(g, i, ti, tp, ctx);
        }
        let t = &g.instances[i].threads[ti];
        let Some(&stored) = t.positions.get(&tp) else {
            continue;
        };
        let pos = stored;
        // A deleted topic has no log: nothing to fetch until the rebalance takes the partition away.
        let Some(log) = ctx.topics[tp.0 as usize].logs.get(tp.1 as usize) else {
            continue;
        };
        let pos = if pos < log.log_start() || pos > log.log_end() {
            match reset_position(g, tp, Some(pos), ctx) {
                Some(p) => p,
                None => {
                    g.instances[i].threads[ti].positions.remove(&tp);
                    continue;
                }
            }
        } else {
            pos
        };
        if pos == stored && pos == log.log_end() {
            // Caught up: nothing to fetch and the position stays.
            continue;
        }
        let t = &mut g.instances[i].threads[ti];
        let room = max - t.batch.len();
        let mut next = pos;
        for r in log.records_from(pos).take(room) {
            t.batch.push_back(Fetched {
                tp,
                offset: r.offset,
                key: r.key(),
            });
            next = r.offset + 1;
        }
        if t.batch.len() < max {
            // Compaction gaps at the end: the position moves to the log end.
            next = next.max(log.log_end());
        }
        // Most polls of a caught-up partition find nothing new: leave its position alone then (a lookup less
        // per partition and millisecond).
        if next != stored {
            t.positions.insert(tp, next);
        }
    }
    let t = &mut g.instances[i].threads[ti];
    if n > 0 {
        t.cursor = (start + 1) % n;
    }
    // With a hand-off the listener only queues records (no processing time on this thread).
    if !t.batch.is_empty() && g.instances[i].spec.handoff_queue.is_none() {
        let ms = g.instances[i].processing_time();
        g.instances[i].threads[ti].next_done_ms = ctx.now + ms;
    }
}
