//! Consumer instances (processes) and their threads (one group member each): lifecycle here, the poll loop in
//! `poll.rs`.

mod commit;
#[cfg(feature = "brokers")]
pub(crate) mod coordinator_wait;
mod fetch_queue;
mod group_rt;
mod handoff;
mod membership;
mod poll;
mod quiet;
pub(crate) mod seen;
pub(crate) mod stats;
mod subscribe;
#[cfg(feature = "brokers")]
pub(crate) mod truncate;

use crate::group::member::Tp;

use crate::event::EventKind;
use crate::event::EventLog;
use crate::log::KeyId;
use crate::offsets::OffsetMap;
use crate::rng::Rng;
use crate::scenario::{InstanceSpec, Processing};
use crate::topic::{tp_names, KeyTable, Topic};
use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use fetch_queue::FetchQueue;
pub(crate) use group_rt::GroupRt;
pub(crate) use poll::tick_group;
pub(crate) use subscribe::subscribe;

/// An instance's status.
///
/// ```
/// assert_eq!(kplay_core::sim::InstanceStatus::default(), kplay_core::sim::InstanceStatus::Up);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum InstanceStatus {
    /// Running.
    #[default]
    Up,
    /// Killed.
    Crashed,
    /// Shut down gracefully.
    Stopped,
    /// Running with slow processing.
    Slow,
}

/// What a thread's poll returned and has not processed yet.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fetched {
    pub tp: Tp,
    pub offset: u64,
    pub key: Option<KeyId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Not in the group (never joined, or reset after being removed).
    Unjoined,
    /// JoinGroup sent; waiting for the round to complete.
    Joining,
    /// Has an assignment for its generation.
    Stable,
}

#[derive(Clone, Debug)]
pub(crate) struct Thread {
    pub index: u32,
    pub member_id: String,
    pub generation: i32,
    pub phase: Phase,
    pub assigned: Vec<Tp>,
    /// Fetch positions: the next offset poll returns (what auto-commit commits).
    pub positions: OffsetMap,
    /// Next offset after the last processed record (what manual commits commit).
    pub processed: OffsetMap,
    pub batch: FetchQueue,
    pub next_done_ms: u64,
    pub last_poll_ms: u64,
    pub next_heartbeat_ms: u64,
    pub last_auto_commit_ms: u64,
    /// Spring's container: records processed since its last count-triggered commit (`ListenerConsumer.count`).
    pub acked: u64,
    /// Spring's container: processed records whose offsets are not committed yet.
    pub ack_pending: bool,
    /// Spring's container: time of its last time-triggered commit (`ListenerConsumer.last`, set at start).
    pub last_ack_ms: u64,
    /// Hand-off: records the listener queued for its worker thread (at most `handoff_queue`).
    pub worker: VecDeque<Fetched>,
    /// Hand-off: when the worker finishes the record at the front of `worker`.
    pub worker_done_ms: u64,
    pub rejoin: bool,
    pub removed: bool,
    pub poll_timed_out: bool,
    pub cursor: usize,
    /// Where its member was in the coordinator's list last time ([`crate::group::coordinator`]'s
    /// `member_hinted`): a thread waiting for its join round looks itself up every millisecond.
    pub member_hint: usize,
    /// Assigned partitions whose `auto.offset.reset` waits for a running leader: the ListOffsets request goes
    /// to the leader, and Kafka retries the reset until one is known (OffsetFetcher.resetPositionsIfNeeded).
    #[cfg(feature = "brokers")]
    pub awaiting_reset: Vec<Tp>,
    /// Feature `brokers`: blocked in `commitSync` while the coordinator is unavailable, until this time, with
    /// these offsets ([`coordinator_wait`]).
    #[cfg(feature = "brokers")]
    pub commit_wait: Option<(u64, Vec<(Tp, u64)>)>,
}

impl Thread {
    fn new(index: u32, now: u64) -> Self {
        Thread {
            index,
            member_id: String::new(),
            generation: -1,
            phase: Phase::Unjoined,
            assigned: Vec::new(),
            positions: OffsetMap::default(),
            processed: OffsetMap::default(),
            batch: FetchQueue::default(),
            next_done_ms: now,
            last_poll_ms: now,
            next_heartbeat_ms: now,
            last_auto_commit_ms: now,
            acked: 0,
            ack_pending: false,
            last_ack_ms: now,
            worker: VecDeque::new(),
            worker_done_ms: now,
            rejoin: false,
            removed: false,
            poll_timed_out: false,
            cursor: 0,
            member_hint: 0,
            #[cfg(feature = "brokers")]
            awaiting_reset: Vec::new(),
            #[cfg(feature = "brokers")]
            commit_wait: None,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Instance {
    pub spec: InstanceSpec,
    pub status: InstanceStatus,
    pub slow_ms: Option<u32>,
    pub threads: Vec<Thread>,
    pub rng: Rng,
    /// Index of this instance's listener in the group's statistics.
    pub listener_slot: usize,
}

/// What consumer code reads and writes besides its group.
pub(crate) struct Ctx<'a> {
    pub now: u64,
    pub topics: &'a [Topic],
    pub keys: &'a KeyTable,
    pub ev: &'a mut EventLog,
}

impl Instance {
    pub fn new(spec: &InstanceSpec, now: u64, rng: Rng, listener_slot: usize) -> Self {
        Instance {
            spec: spec.clone(),
            status: InstanceStatus::Up,
            slow_ms: None,
            threads: (0..spec.threads).map(|i| Thread::new(i, now)).collect(),
            rng,
            listener_slot,
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self.status, InstanceStatus::Up | InstanceStatus::Slow)
    }

    /// Processing time of the next record.
    pub fn processing_time(&mut self) -> u64 {
        self.fixed_processing_time()
            .unwrap_or_else(|| match self.spec.processing_ms {
                Processing::Range { min, max } => u64::from(self.rng.range_inclusive(min, max)),
                Processing::Fixed(ms) => u64::from(ms),
            })
    }

    /// The processing time when it is the same for every record (no random draw).
    #[inline(always)]
    pub fn fixed_processing_time(&self) -> Option<u64> {
        match (self.slow_ms, self.spec.processing_ms) {
            (Some(ms), _) | (None, Processing::Fixed(ms)) => Some(u64::from(ms)),
            (None, Processing::Range { .. }) => None,
        }
    }

    /// `group.instance.id` of thread `index` (static membership), if configured.
    pub fn static_id(&self, index: u32) -> Option<String> {
        self.spec.static_id.as_ref().map(|s| format!("{s}-{index}"))
    }
}

/// Kills instance `i`: no commit, no LeaveGroup; its threads' partitions are lost.
pub(crate) fn crash(g: &mut GroupRt, i: usize, ctx: &mut Ctx) {
    handoff::drop_queues(g, i, None, "crash", ctx);
    let group = g.spec.id.clone();
    let inst = &mut g.instances[i];
    inst.status = InstanceStatus::Crashed;
    for t in &mut inst.threads {
        if !t.assigned.is_empty() {
            ctx.ev.push(
                ctx.now,
                EventKind::Lost {
                    group: group.clone(),
                    member: t.member_id.clone(),
                    instance: inst.spec.id.clone(),
                    partitions: tp_names(ctx.topics, &t.assigned),
                },
            );
        }
        *t = Thread::new(t.index, ctx.now);
    }
}

/// Closes thread `ti` of instance `i` gracefully: commit what was processed, revoke, LeaveGroup if dynamic.
/// A member in the middle of a rebalance, or whose generation was reset, cannot commit (the client fails it)
/// and reports its partitions lost instead of revoked (ConsumerCoordinator.onLeavePrepare).
pub(crate) fn close_thread(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) {
    let is_static = g.instances[i].spec.static_id.is_some();
    if g.instances[i].threads[ti].phase != Phase::Unjoined {
        let offsets = g.instances[i].threads[ti].processed.to_vec();
        if g.coordinator_available() {
            commit::commit(g, i, ti, &offsets, ctx);
        } else if !offsets.is_empty() {
            // kplay's close does not wait for a coordinator (Kafka's close retries until its timeout).
            let t = &g.instances[i].threads[ti];
            let msg = format!(
                "commit on close by {} failed: coordinator not available",
                t.member_id
            );
            commit::warn(g, ctx, "commit_failed", msg);
        }
        let t = &g.instances[i].threads[ti];
        if !t.assigned.is_empty() {
            let group = g.spec.id.clone();
            let member = t.member_id.clone();
            let instance = g.instances[i].spec.id.clone();
            let partitions = tp_names(ctx.topics, &t.assigned);
            let kind =
                if t.phase == Phase::Joining || t.poll_timed_out || t.removed || t.generation < 0 {
                    EventKind::Lost {
                        group,
                        member,
                        instance,
                        partitions,
                    }
                } else {
                    EventKind::Revoked {
                        group,
                        member,
                        instance,
                        generation: t.generation,
                        partitions,
                    }
                };
            ctx.ev.push(ctx.now, kind);
        }
    }
    handoff::drop_queues(g, i, Some(ti), "stop", ctx);
    let t = &g.instances[i].threads[ti];
    // No LeaveGroup to an unknown coordinator (AbstractCoordinator.maybeLeaveGroup): the member stays until its
    // session expires on the next coordinator.
    if t.phase != Phase::Unjoined && !is_static && g.coordinator_available() {
        let member = t.member_id.clone();
        g.coord.leave(ctx.now, &g.spec, &g.spec.id, ctx.ev, &member);
    }
    let index = g.instances[i].threads[ti].index;
    g.instances[i].threads[ti] = Thread::new(index, ctx.now);
}

/// Graceful shutdown of instance `i`.
pub(crate) fn stop(g: &mut GroupRt, i: usize, ctx: &mut Ctx) {
    for ti in 0..g.instances[i].threads.len() {
        close_thread(g, i, ti, ctx);
    }
    g.instances[i].status = InstanceStatus::Stopped;
}

/// A crashed or stopped instance starts again with fresh threads (dynamic members get new member ids).
pub(crate) fn restart(g: &mut GroupRt, i: usize, now: u64) {
    let inst = &mut g.instances[i];
    inst.status = InstanceStatus::Up;
    inst.slow_ms = None;
    inst.threads = (0..inst.spec.threads)
        .map(|t| Thread::new(t, now))
        .collect();
}

/// Changes the thread count: new threads join on their first poll; removed threads close gracefully.
pub(crate) fn set_threads(g: &mut GroupRt, i: usize, threads: u32, ctx: &mut Ctx) {
    let current = g.instances[i].threads.len() as u32;
    if threads > current && g.instances[i].is_running() {
        for t in current..threads {
            g.instances[i].threads.push(Thread::new(t, ctx.now));
        }
    }
    if threads < current {
        for ti in (threads as usize..current as usize).rev() {
            close_thread(g, i, ti, ctx);
            g.instances[i].threads.pop();
        }
    }
    g.instances[i].spec.threads = threads;
    if !g.instances[i].is_running() {
        g.instances[i].threads = (0..threads).map(|t| Thread::new(t, ctx.now)).collect();
    }
}
