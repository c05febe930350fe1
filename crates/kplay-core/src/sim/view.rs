//! Builds the per-frame [`Snapshot`] from the world.

use super::snapshot::*;
use super::{GroupState, World};
use crate::consumer::Phase;
use crate::topic::tp_names;
use alloc::string::String;
use alloc::vec::Vec;

pub(super) fn record_view(w: &World, r: &crate::log::Record) -> RecordView {
    RecordView {
        offset: r.offset,
        key: r.key().map(|k| String::from(w.keys.name(k))),
        producer: w
            .producers
            .get(usize::from(r.producer))
            .map_or(String::new(), |p| p.spec.id.clone()),
        timestamp_ms: r.timestamp_ms,
        tombstone: r.is_tombstone(),
    }
}

pub(super) fn snapshot(w: &World) -> Snapshot {
    let topics = w
        .topics
        .iter()
        .filter(|t| !t.removed)
        .map(|t| TopicView {
            name: t.spec.name.clone(),
            partitions: t
                .logs
                .iter()
                .map(|log| PartitionView {
                    log_start: log.log_start(),
                    log_end: log.log_end(),
                    records: log.records().len() as u64,
                    bytes: log.size_bytes(),
                    segments: log.segment_count() as u32,
                    recent: log
                        .records()
                        .rev()
                        .take(RECENT_RECORDS)
                        .rev()
                        .map(|r| record_view(w, r))
                        .collect(),
                    cleaner: t.cfg.compact.then(|| log.dirty(&t.cfg, w.now_ms)),
                })
                .collect(),
        })
        .collect();
    let producers = w
        .producers
        .iter()
        .map(|p| ProducerView {
            id: p.spec.id.clone(),
            topic: p.spec.topic.clone(),
            paused: p.paused,
            rate_per_s: p.spec.rate_per_s,
            produced: p.produced,
            known_partitions: p.known_partitions(),
        })
        .collect();
    let mut totals = Totals {
        produced: w.produced,
        deleted: w.deleted,
        events_dropped: w.events.dropped,
        ..Totals::default()
    };
    let groups = w
        .groups
        .iter()
        .map(|g| {
            totals.processed += g.stats.processed;
            totals.duplicates += g.stats.duplicates;
            totals.rebalances += g.coord.rebalances;
            let stable = g.coord.state == GroupState::Stable;
            let mut members = Vec::new();
            for inst in g.instances.iter().filter(|i| i.is_running()) {
                for t in &inst.threads {
                    members.push(MemberView {
                        member_id: t.member_id.clone(),
                        instance: inst.spec.id.clone(),
                        thread: t.index,
                        partitions: tp_names(&w.topics, &t.assigned),
                        idle: stable && t.phase == Phase::Stable && t.assigned.is_empty(),
                        in_flight: (t.batch.len() + t.worker.len()) as u32,
                        kicked_out: t.poll_timed_out,
                    });
                }
            }
            let mut partitions = Vec::new();
            // The subscribed topics, then topics the group still has committed offsets for (e.g. after a
            // subscription change): `--describe` lists those partitions too.
            let mut names = g.topics();
            for (&(t, _), _) in g.coord.committed.iter() {
                if let Some(x) = w.topics.get(t as usize).filter(|x| !x.removed) {
                    if !names.contains(&x.spec.name) {
                        names.push(x.spec.name.clone());
                    }
                }
            }
            for name in &names {
                let Some(ti) = crate::topic::Topic::find(&w.topics, name) else {
                    continue;
                };
                for (p, log) in w.topics[ti].logs.iter().enumerate() {
                    let tp = (ti as u32, p as u32);
                    let committed = g.coord.committed.get(&tp).copied();
                    let owner = g.coord.assignment.owner_of(tp).cloned();
                    let skipped = g.stats.skipped_of(tp);
                    partitions.push(PartitionLag {
                        topic: name.clone(),
                        partition: p as u32,
                        committed,
                        log_end: log.log_end(),
                        lag: committed.map(|c| log.log_end().saturating_sub(c)),
                        owner,
                        deleted_before_read: skipped.map_or(0, |s| s.deleted.len()),
                        skipped_by_reset: skipped.map_or(0, |s| s.reset.len()),
                    });
                }
            }
            let listeners = g.listeners();
            let mixed = listeners.len() > 1;
            GroupView {
                id: g.spec.id.clone(),
                state: g.coord.state,
                generation: g.coord.generation,
                strategy: String::from(g.spec.strategy.name()),
                members,
                instances: g
                    .instances
                    .iter()
                    .map(|i| InstanceView {
                        id: i.spec.id.clone(),
                        listener: i.spec.listener.clone(),
                        status: i.status,
                        threads: i.spec.threads,
                    })
                    .collect(),
                partitions,
                processed: g.stats.processed,
                duplicates: g.stats.duplicates,
                lost_in_handoff: g.stats.handoff_lost,
                deleted_before_read: g.stats.skipped.iter().map(|(_, s)| s.deleted.len()).sum(),
                skipped_by_reset: g.stats.skipped.iter().map(|(_, s)| s.reset.len()).sum(),
                missed_by_listener: if mixed {
                    listeners
                        .iter()
                        .map(|l| {
                            let topics: Vec<u32> = g
                                .listener_topics(l)
                                .iter()
                                .filter_map(|t| crate::topic::Topic::find(&w.topics, t))
                                .map(|t| t as u32)
                                .collect();
                            (l.clone(), g.stats.missed_by(l, &topics))
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                shared_topics: if mixed { g.shared_topics() } else { Vec::new() },
                warnings: if mixed {
                    alloc::vec![String::from("mixed_listeners")]
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    Snapshot {
        now_ms: w.now_ms,
        topics,
        producers,
        groups,
        totals,
    }
}
