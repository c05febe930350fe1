//! Builds the per-frame [`Snapshot`] from the world.

use super::snapshot::*;
use super::{GroupState, World};
use crate::consumer::{tp_names, Phase};
use alloc::string::String;
use alloc::vec::Vec;

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
                    bytes: log.size_bytes(),
                    segments: log.segment_count() as u32,
                    recent: log
                        .records()
                        .rev()
                        .take(RECENT_RECORDS)
                        .rev()
                        .map(|r| RecordView {
                            offset: r.offset,
                            key: r.key().map(|k| String::from(w.keys.name(k))),
                            producer: w
                                .producers
                                .get(usize::from(r.producer))
                                .map_or(String::new(), |p| p.spec.id.clone()),
                            timestamp_ms: r.timestamp_ms,
                            tombstone: r.is_tombstone(),
                        })
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
                        in_flight: t.batch.len() as u32,
                    });
                }
            }
            let mut partitions = Vec::new();
            for name in &g.spec.topics {
                let Some(ti) = crate::topic::Topic::find(&w.topics, name) else {
                    continue;
                };
                for (p, log) in w.topics[ti].logs.iter().enumerate() {
                    let tp = (ti as u32, p as u32);
                    let committed = g.coord.committed.get(&tp).copied();
                    let owner = g
                        .coord
                        .assignment
                        .iter()
                        .find(|(_, ps)| ps.contains(&tp))
                        .map(|(m, _)| m.clone());
                    partitions.push(PartitionLag {
                        topic: name.clone(),
                        partition: p as u32,
                        committed,
                        log_end: log.log_end(),
                        lag: committed.map(|c| log.log_end().saturating_sub(c)),
                        owner,
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
                missed_by_listener: if mixed {
                    listeners
                        .iter()
                        .map(|l| (l.clone(), g.stats.missed_by(l)))
                        .collect()
                } else {
                    Vec::new()
                },
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
